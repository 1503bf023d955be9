import { combineReducers, createStore } from 'redux';
import mfe1 from './reducer';

// The store mfe1 uses when it runs on its own (see bootstrap.js).
export default createStore(combineReducers({ mfe1 }));
