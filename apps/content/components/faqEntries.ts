/** One question of the FAQ and its answer, as plain text. */
export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
}

/**
 * The shop's questions and answers. The numbers match what the API enforces (codes valid for
 * five minutes, five tries, five codes per number every ten minutes, sessions of one hour) and
 * the coupons it seeds.
 */
export const faqEntries: readonly FaqEntry[] = [
  {
    id: 'sign-in',
    question: 'How do I sign in?',
    answer:
      'There is no password. Enter your mobile number on the Login page and we send you a six-digit ' +
      'one-time code; type or paste it within five minutes. Each code allows five tries, and a number ' +
      'can ask for five codes every ten minutes. Your first sign-in creates your account.',
  },
  {
    id: 'cart',
    question: 'How does the cart work?',
    answer:
      'Add products from the catalogue while you are signed in. Your cart is kept on our server, so it ' +
      'is the same on every device you sign in on. In the cart you change quantities, remove products, ' +
      'and tick the items you want to order now; the totals count only the ticked items.',
  },
  {
    id: 'coupons',
    question: 'Which coupon codes can I use?',
    answer:
      'Enter one code in the cart. WELCOME10 takes 10% off any order, SAVE5 takes 5.00 off orders of ' +
      '30.00 or more, and BIG20 takes 20% off orders of 100.00 or more. If a code is unknown, has expired ' +
      'or your ticked items are below its minimum, the cart tells you why and your total stays as it was.',
  },
  {
    id: 'support',
    question: 'How do I get help with an order?',
    answer:
      'Open a support ticket on the Support page with a subject and a message. Your tickets and their ' +
      'status (open, pending or closed) are listed there and in your Account, and the header shows how ' +
      'many are open. For a quicker answer, use the live chat on the same page: the conversation shows ' +
      'in every window where you are signed in.',
  },
  {
    id: 'delivery',
    question: 'When will my order arrive?',
    answer:
      'We pack orders on the next working day and delivery takes two to four working days after that. ' +
      'We deliver to the address saved in your Account, so check it before you order.',
  },
  {
    id: 'returns',
    question: 'Can I return a product?',
    answer:
      'Yes: unopened products can be returned within 30 days of delivery, and faulty ones at any time. ' +
      'Open a support ticket with the subject "Return" and the product name; we reply with the next ' +
      'steps and refund you once the parcel is back.',
  },
  {
    id: 'privacy',
    question: 'What do you keep about me, and how do I sign out?',
    answer:
      'Your mobile number, the name, email and address you enter in Account, your cart, your tickets ' +
      'and your chat messages. The sign-in itself stays in this browser and lasts one hour. Logout in ' +
      'Account ends it and clears your cart, tickets and chat from every part of the shop on the page.',
  },
];
