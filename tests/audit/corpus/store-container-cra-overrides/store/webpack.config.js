const { ModuleFederationPlugin } = require("webpack").container;

module.exports = {
  entry: "./src/index",
  plugins: [
    new ModuleFederationPlugin({
      name: "store",
      filename: "remoteEntry.js",
      library: { type: "global", name: "store" },
      exposes: {
        "./store": "./src/store.js",
        "./actions": "./src/actions.js",
      },
      shared: {
        redux: { singleton: true },
        "redux-devtools-extension": { singleton: true },
      },
    }),
  ],
};
