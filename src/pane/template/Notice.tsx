/**
 * A short message after an action: read out at once for errors (role "alert"), politely for
 * the rest (role "status").
 */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export type Notice = { intent: 'success' | 'info' | 'warning' | 'error'; text: string };

export function NoticeBar({ notice }: { notice: Notice | null }) {
  if (!notice) {
    return null;
  }
  return (
    <div role={notice.intent === 'error' ? 'alert' : 'status'}>
      <MessageBar layout="multiline" intent={notice.intent}>
        <MessageBarBody>{notice.text}</MessageBarBody>
      </MessageBar>
    </div>
  );
}
