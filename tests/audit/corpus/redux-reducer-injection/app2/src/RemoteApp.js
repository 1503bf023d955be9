import React, { useEffect } from 'react';
import { Provider, useDispatch, useSelector } from 'react-redux';
import reducer, { changeAppName } from './reducer';

function RemoteApp() {
  const dispatch = useDispatch();
  const name = useSelector((state) => state.remoteApp && state.remoteApp.appName);
  return <button onClick={() => dispatch(changeAppName('renamed'))}>{name}</button>;
}

// The host passes its own store: this Provider is that store, not a second one.
export default function RemoteAppWrapper({ store }) {
  useEffect(() => {
    store.injectReducer('remoteApp', reducer);
  }, []);
  return (
    <Provider store={store || {}}>
      <RemoteApp />
    </Provider>
  );
}
