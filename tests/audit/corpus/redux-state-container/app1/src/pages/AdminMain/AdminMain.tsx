import React, { useEffect } from "react";
import { useDispatch, useSelector } from "react-redux";
import { useNavigate } from "react-router-dom";
import { postsSliceActions } from "../../slices/posts.slice";

export default function AdminMain() {
  const nav = useNavigate();
  const dispatch = useDispatch();
  const { posts } = useSelector((state: any) => state?.posts);
  useEffect(() => {
    fetch("https://jsonplaceholder.typicode.com/posts")
      .then((r) => r.json())
      .then((value) => dispatch(postsSliceActions.setPosts(value)));
  }, []);
  return (
    <div>
      {posts.map((p: { id: number; title: string }) => (
        <div key={p.id} onClick={() => nav(`/admin/${p.id}`)}>{p.title}</div>
      ))}
    </div>
  );
}
