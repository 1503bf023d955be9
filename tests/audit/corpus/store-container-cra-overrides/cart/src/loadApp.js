import App from "./App.svelte";

export default (target) => new App({ target });
