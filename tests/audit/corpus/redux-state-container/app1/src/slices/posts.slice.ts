import { PayloadAction, createSlice } from "@reduxjs/toolkit";

interface IPostsState {
  posts: { id: number; title: string }[];
}

const postsSlice = createSlice({
  initialState: { posts: [] } as IPostsState,
  name: "posts",
  reducers: {
    setPosts(state, action: PayloadAction<IPostsState["posts"]>) {
      state.posts = action.payload;
    },
  },
});

export const postsSliceReducer = postsSlice.reducer;
export const postsSliceActions = postsSlice.actions;
