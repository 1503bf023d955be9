import React, { PropsWithChildren } from "react";

export default function MainLayout({ children }: PropsWithChildren) {
  return <main>{children}</main>;
}
