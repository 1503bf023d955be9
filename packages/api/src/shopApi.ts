import {
  addToCart,
  deselectItem,
  initializeCart,
  removeCoupon,
  removeFromCart,
  selectAllItems,
  selectCart,
  selectItem,
  updateQuantity,
  type AppDispatch,
  type RootState,
  type SLICE_ENDPOINTS,
} from '@myapp/store';
import type { UnknownAction } from '@reduxjs/toolkit';
import { shopApi as generated } from './generated/shopApi';
import type { CartPublic, ProductPublic } from './generated/shopApi';

/** Every endpoint name the store's slices listen to must be one of the generated endpoints. */
type SliceEndpointName = (typeof SLICE_ENDPOINTS)[keyof typeof SLICE_ENDPOINTS][number];
type UnknownSliceEndpoint = Exclude<SliceEndpointName, keyof typeof generated.endpoints>;
export const sliceEndpointsAreGenerated: [UnknownSliceEndpoint] extends [never] ? true : UnknownSliceEndpoint = true;

/** A product the page has already read (from any list or detail query), to show it in the cart at once. */
function knownProduct(state: RootState, productId: string): ProductPublic | undefined {
  for (const args of generated.util.selectCachedArgsForQuery(state, 'readProducts')) {
    const found = generated.endpoints.readProducts.select(args)(state).data?.items.find((p) => p.id === productId);
    if (found) return found;
  }
  return generated.endpoints.readProduct.select({ productId })(state).data;
}

interface CartLifecycle {
  dispatch: AppDispatch;
  getState: () => unknown;
  queryFulfilled: Promise<{ data: CartPublic }>;
}

/**
 * The optimistic side of a cart change: `optimistic` is what every remote shows at once (the
 * shared cart slice); the server's answer (the whole cart) then becomes the truth, in the slice
 * (through its matcher) and in the cached `readCart`. When the server refuses, the cart goes back
 * to what it was and is read again; the component that asked shows the refusal (the hook's error).
 */
function optimisticCart<Arg>(optimistic: (arg: Arg, state: RootState) => UnknownAction | undefined) {
  return async (arg: Arg, { dispatch, getState, queryFulfilled }: CartLifecycle) => {
    const state = getState() as RootState;
    const before = selectCart(state);
    const change = optimistic(arg, state);
    if (change) dispatch(change);
    try {
      const { data } = await queryFulfilled;
      // The cached cart (the totals every remote shows) becomes the answer, at once when it exists.
      if (generated.endpoints.readCart.select()(getState() as RootState).data) {
        dispatch(generated.util.updateQueryData('readCart', undefined, () => data));
      } else {
        dispatch(generated.util.upsertQueryData('readCart', undefined, data));
      }
    } catch {
      dispatch(initializeCart({ items: before.items, coupon: before.coupon }));
      dispatch(generated.util.invalidateTags(['cart']));
    }
  };
}

/**
 * The generated endpoints with what a schema cannot say: cart changes are optimistic and answer
 * with the whole cart (so they replace the cached cart instead of reading it again).
 */
export const shopApi = generated.enhanceEndpoints({
  endpoints: {
    addCartItem: {
      invalidatesTags: [],
      onQueryStarted: optimisticCart(({ cartItemCreate: { productId, qty = 1 } }, state) => {
        const line = selectCart(state).items.find((item) => item.id === productId);
        if (line) return updateQuantity({ id: productId, qty: line.qty + qty });
        const product = knownProduct(state, productId);
        return product && addToCart({ id: product.id, name: product.name, price: product.price, image: product.image, qty });
      }),
    },
    updateCartItem: {
      invalidatesTags: [],
      onQueryStarted: optimisticCart(({ productId, cartItemUpdate: { qty, selected } }) => {
        if (typeof qty === 'number') return updateQuantity({ id: productId, qty });
        if (selected === true) return selectItem({ id: productId });
        if (selected === false) return deselectItem({ id: productId });
        return undefined;
      }),
    },
    deleteCartItem: { invalidatesTags: [], onQueryStarted: optimisticCart(({ productId }) => removeFromCart({ id: productId })) },
    selectAllCartItems: {
      invalidatesTags: [],
      onQueryStarted: optimisticCart(({ cartSelectAll: { selected } }) => selectAllItems({ selected })),
    },
    removeCoupon: { invalidatesTags: [], onQueryStarted: optimisticCart(() => removeCoupon()) },
    // Whether a code is valid is the server's call: nothing is shown before it answers.
    applyCoupon: { invalidatesTags: [], onQueryStarted: optimisticCart(() => undefined) },
    clearCart: { invalidatesTags: [], onQueryStarted: optimisticCart(() => undefined) },
    // A ticket's answer is the ticket: it goes into the cached list instead of the list being read again.
    createTicket: {
      invalidatesTags: [],
      async onQueryStarted(_arg, { dispatch, queryFulfilled }) {
        const { data } = await queryFulfilled.catch(() => ({ data: undefined }));
        if (data) dispatch(generated.util.updateQueryData('readTickets', undefined, (list) => [data, ...list]));
      },
    },
    updateTicket: {
      invalidatesTags: [],
      async onQueryStarted(_arg, { dispatch, queryFulfilled }) {
        const { data } = await queryFulfilled.catch(() => ({ data: undefined }));
        if (data) {
          dispatch(
            generated.util.updateQueryData('readTickets', undefined, (list) =>
              list.map((ticket) => (ticket.id === data.id ? data : ticket)),
            ),
          );
        }
      },
    },
    // The answer is the new profile: it replaces the cached one instead of being read again.
    updateMe: {
      invalidatesTags: [],
      async onQueryStarted(_arg, { dispatch, queryFulfilled }) {
        const { data } = await queryFulfilled.catch(() => ({ data: undefined }));
        if (data) dispatch(generated.util.upsertQueryData('readMe', undefined, data));
      },
    },
  },
});

// Taken from the enhanced api, so using a hook always brings the enhancements above with it.
export const {
  useAddCartItemMutation,
  useApplyCouponMutation,
  useClearCartMutation,
  useCreateTicketMutation,
  useDeleteCartItemMutation,
  useReadCartQuery,
  useReadMeQuery,
  useReadProductQuery,
  useReadProductsQuery,
  useReadSessionsQuery,
  useReadTicketsQuery,
  useRemoveCouponMutation,
  useSelectAllCartItemsMutation,
  useSignOutSessionMutation,
  useUpdateCartItemMutation,
  useUpdateMeMutation,
  useUpdateTicketMutation,
} = shopApi;
