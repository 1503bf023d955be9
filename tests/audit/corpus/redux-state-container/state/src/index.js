import("./bootstrap.tsx");

export {};
