import { forwardRef } from 'react';
import { Anchor, Button, type AnchorProps, type ButtonProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';

const AnchorBase = forwardRef<HTMLAnchorElement, AnchorProps & React.AnchorHTMLAttributes<HTMLAnchorElement>>((props, ref) => <Anchor ref={ref} {...props} />);
AnchorBase.displayName = 'AnchorBase';

const ButtonBase = forwardRef<HTMLAnchorElement, ButtonProps & React.AnchorHTMLAttributes<HTMLAnchorElement>>((props, ref) => <Button component="a" ref={ref} {...props} />);
ButtonBase.displayName = 'ButtonBase';

/** A Mantine Anchor that navigates with the router (typed `to` and `params`). */
export const AnchorLink = createLink(AnchorBase);

/** A Mantine Button that navigates with the router. */
export const ButtonLink = createLink(ButtonBase);
