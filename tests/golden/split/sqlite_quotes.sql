CREATE TABLE `odd;table` ([semi;colon] TEXT, "dq;col" TEXT);
SELECT [semi;colon], `odd;table`."dq;col" FROM `odd;table`;
