-- The application's own first migration; it must run even though the store's tables may be there.
CREATE TABLE app_note (id INT PRIMARY KEY, text VARCHAR(200) NOT NULL);
