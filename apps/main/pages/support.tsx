import { remotePage } from '../components/remoteComponent';

export default remotePage<typeof import('support/SupportPage')>('support/SupportPage', {
  head: { title: 'Support', description: 'Open a support ticket or chat with the MyApp Shop team.' },
});
