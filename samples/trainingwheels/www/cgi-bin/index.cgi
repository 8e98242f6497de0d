#!/bin/sh
# Counts this visit in the store (Redis protocol over nc) and says how many there have been.
count=$(printf '*2\r\n$4\r\nINCR\r\n$4\r\nhits\r\n' | nc -w 2 store 6379 | tr -d ':\r')
printf 'Content-Type: text/plain\r\n\r\n'
if [ -n "$count" ]; then
  echo "Hello from Berth! This page has been seen $count times. (DEBUG=${DEBUG:-0})"
else
  echo "Hello from Berth! The store did not answer yet; reload in a moment. (DEBUG=${DEBUG:-0})"
fi
