export const changeAppName = (appName) => ({ type: 'remoteApp/changeAppName', appName });

export default function reducer(state = { appName: 'remote' }, action) {
  return action.type === 'remoteApp/changeAppName' ? { ...state, appName: action.appName } : state;
}
