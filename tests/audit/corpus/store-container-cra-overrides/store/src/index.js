import("./store");
