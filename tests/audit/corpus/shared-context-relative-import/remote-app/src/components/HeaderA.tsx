import { useContext } from "react";
import { NameContextProvider } from "shared-library";

export default function HeaderA() {
  return <div>{useContext(NameContextProvider)}</div>;
}
