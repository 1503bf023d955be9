const ModuleFederationPlugin = require("webpack").container.ModuleFederationPlugin;

module.exports = {
  entry: { "build/bundle": ["./src/main.js"] },
  resolve: { extensions: [".mjs", ".js", ".svelte"] },
  plugins: [
    new ModuleFederationPlugin({
      name: "cart",
      filename: "remoteEntry.js",
      exposes: { "./Cart": "./src/loadApp.js" },
      remotes: { store: "store@http://localhost:3003/remoteEntry.js" },
      shared: {
        redux: { singleton: true },
        "redux-devtools-extension": { singleton: true },
      },
    }),
  ],
};
