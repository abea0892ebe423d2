import type { OutgoingMessage } from './channels/channel';
import type { ClaimedNotification } from './notification-lifecycle';

/**
 * What a notification says and to whom, decided when it is sent (not when planned) by the feature that
 * planned it. Null when it no longer applies: the row is then cancelled instead of sent.
 */
export interface MessageComposer {
  compose(row: ClaimedNotification): Promise<OutgoingMessage | null>;
}
