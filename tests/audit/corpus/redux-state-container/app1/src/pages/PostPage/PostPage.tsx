import React from "react";
import { useParams } from "react-router-dom";
import { useAuthContext } from "host/AuthContext";

export default function PostPage() {
  const params = useParams();
  const auth = useAuthContext();
  return <h2>Hello {auth?.user?.name}, post {params.id}</h2>;
}
