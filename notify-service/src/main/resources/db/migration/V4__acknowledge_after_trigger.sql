-- An acknowledge or resolve sent to PagerDuty must not overtake a trigger of the same fingerprint and receiver that
-- is still being retried (PagerDuty would drop an acknowledge for an incident it has not opened yet, and the late
-- trigger would then reopen it). Such a notification names the notifications it waits for; it is not claimed while
-- any of them is PENDING.
ALTER TABLE notification ADD COLUMN waits_for text[];
