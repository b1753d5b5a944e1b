// Simulates what Taro's web components emit: typing fires a CustomEvent whose detail carries the value.
import { act } from '@testing-library/react';

export function typeInto(host: Element, value: string): void {
  act(() => {
    host.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

export function toggle(host: Element, value: boolean): void {
  act(() => {
    host.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }));
  });
}
