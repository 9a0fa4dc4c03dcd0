-- Where an imported request's receipt time was read from: the topmost Received header, the
-- Maildir delivery, the mbox separator, the sender's Date header, a form's time, a file's
-- time or the import time (intake::ReceiptSource names). NULL for requests entered by hand.
ALTER TABLE requests ADD COLUMN receipt_source TEXT;
