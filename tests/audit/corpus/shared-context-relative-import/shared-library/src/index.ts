export * from "./providers/NameContextProvider";
