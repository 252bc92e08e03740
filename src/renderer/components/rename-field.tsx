// Inline rename of a gallery card's name: Enter or leaving the field saves, Escape cancels.
// The workspace validates the name again (1 to 120 characters after trimming).
import { useEffect, useRef, useState } from 'react';

interface RenameFieldProps {
  name: string;
  /** Resolves true when saved; false keeps the field open (the app shows why in a toast). */
  onSubmit(name: string): Promise<boolean>;
  onDone(): void;
}

export const MAX_ITEM_NAME = 120;

export function RenameField({ name, onSubmit, onDone }: RenameFieldProps) {
  const [value, setValue] = useState(name);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const settled = useRef(false);
  useEffect(() => { input.current?.select(); }, []);

  const save = async () => {
    if (settled.current || saving) return;
    const next = value.trim();
    if (next === '' || next === name) { settled.current = true; onDone(); return; }
    setSaving(true);
    const ok = await onSubmit(next);
    setSaving(false);
    if (ok) { settled.current = true; onDone(); } else input.current?.focus();
  };

  return (
    <input
      ref={input}
      className="input card-rename"
      value={value}
      maxLength={MAX_ITEM_NAME}
      disabled={saving}
      aria-label={`New name for ${name}`}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation(); // arrows, Delete and Enter edit the text, not the gallery
        if (e.key === 'Enter') { e.preventDefault(); void save(); }
        if (e.key === 'Escape') { e.preventDefault(); settled.current = true; onDone(); }
      }}
      onBlur={() => void save()}
      data-testid="rename-input"
    />
  );
}
