const { dependencies } = require("./package.json");

module.exports = {
  name: "host",
  remotes: {
    list: "list@http://localhost:3001/remoteEntry.js",
    cart: "cart@http://localhost:3002/remoteEntry.js",
  },
  shared: {
    ...dependencies,
    react: { singleton: true, requiredVersion: dependencies.react },
    "react-dom": { singleton: true, requiredVersion: dependencies["react-dom"] },
  },
};
