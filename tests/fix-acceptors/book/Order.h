// An order on the book acceptor: a client's (reported to its session) or the market maker's (reported to no one).
#ifndef BOOK_ORDER_H
#define BOOK_ORDER_H
#include "quickfix/SessionID.h"
#include <string>

const double Epsilon = 1e-9;

struct Order
{
  std::string orderId, clOrdId, symbol;
  FIX::SessionID session;
  char side = '1', type = '2', tif = '0';
  double price = 0, stopPx = 0, qty = 0, cum = 0, avgPx = 0, lastQty = 0, lastPx = 0;
  long priority = 0;
  bool open = true, triggered = false, maker = false;

  double leaves() const { return open ? qty - cum : 0; }
  bool buy() const { return side == '1'; }
  bool resting() const { return open && ( type == '2' || triggered ); }
  char status() const
  {
    if ( cum + Epsilon >= qty ) return '2';
    if ( !open ) return '4';
    return cum > Epsilon ? '1' : '0';
  }
};
#endif
