module example.com/acme/pingtest

go 1.26
