import React from "react";

export const NameContextProvider = React.createContext("nobody");
