// A Checkbox.Group for a Form.Item: a named group without the aria-required/aria-invalid the Form.Item injects (not allowed on a plain group; axe: aria-allowed-attr).
import { Checkbox } from 'antd';
import type { CheckboxGroupProps } from 'antd/es/checkbox';

type Props = CheckboxGroupProps & { label: string; 'aria-required'?: string; 'aria-invalid'?: string };

export function CheckboxGroupField({ label, 'aria-required': _required, 'aria-invalid': _invalid, ...rest }: Props) {
  // antd spreads unknown props onto the group's <div>; its types just do not list role.
  const group = { role: 'group', 'aria-label': label } as Record<string, string>;
  return <Checkbox.Group {...group} {...rest} />;
}
