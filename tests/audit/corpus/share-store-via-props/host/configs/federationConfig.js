const dependencies = require('../package.json').dependencies;

module.exports = {
  name: 'host',
  filename: 'remoteEntry.js',
  remotes: { app1: 'app1@http://localhost:4001/remoteEntry.js' },
  shared: {
    "@reduxjs/toolkit": { singleton: true, requiredVersion: dependencies["@reduxjs/toolkit"] },
    "react-redux": { singleton: true, requiredVersion: dependencies["react-redux"] },
    react: { singleton: true, requiredVersion: dependencies.react },
    "react-dom": { singleton: true, requiredVersion: dependencies["react-dom"] },
  },
};
