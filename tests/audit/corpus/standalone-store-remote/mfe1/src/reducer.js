const UPDATE_COUNT = 'GLOBAL/UPDATE_COUNT';

// mfe1's own slice of the store, kept in step with the host's global actions.
export default function reducer(state = { count: 0 }, action) {
  return action.type === UPDATE_COUNT ? { ...state, count: state.count + action.payload } : state;
}

export const selectors = { getGlobalCount: (state) => (state.mfe1 ? state.mfe1.count : 0) };
