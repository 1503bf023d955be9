import React, { PropsWithChildren, createContext, useContext, useState } from "react";

export const AuthContext = createContext<{ user: { name: string } | null }>({ user: null });

export const useAuthContext = () => useContext(AuthContext);

// The profile lives in localStorage; sign-in and sign-out are left out of this reduction.
export const AuthContextProvider = ({ children }: PropsWithChildren) => {
  const [profile] = useState(() => JSON.parse(localStorage.getItem("profile") || "null"));
  return <AuthContext.Provider value={{ user: profile }}>{children}</AuthContext.Provider>;
};
