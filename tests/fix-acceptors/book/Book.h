// The book acceptor's venue: orders, matching, reports, and its market data (see book.cpp for what it answers).
#ifndef BOOK_BOOK_H
#define BOOK_BOOK_H
#include "quickfix/Application.h"
#include "quickfix/Session.h"
#include "MarketData.h"
#include "Order.h"
#include "Reports.h"
#include "Say.h"
#include <algorithm>
#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

class Book : public FIX::Application, private Reports
{
public:
  void onCreate( const FIX::SessionID& ) {}
  void onLogon( const FIX::SessionID& session )
  {
    std::lock_guard<std::mutex> lock( m_gate );
    for ( auto& s : m_sessions ) if ( s == session ) return;
    m_sessions.push_back( session );
  }
  void onLogout( const FIX::SessionID& session )
  {
    std::lock_guard<std::mutex> lock( m_gate );
    m_md.logout( session );
  }
  // The venue drops TARGET's connection: our side reconnects, resetting its numbers if it resets on logon.
  void disconnect( const std::string& target )
  {
    std::vector<FIX::SessionID> matching;
    {
      std::lock_guard<std::mutex> lock( m_gate );
      for ( auto& s : m_sessions ) if ( s.getTargetCompID().getValue() == target ) matching.push_back( s );
    }
    // Outside the lock: disconnecting calls onLogout, which takes it.
    for ( auto& s : matching ) if ( FIX::Session* session = FIX::Session::lookupSession( s ) ) session->disconnect();
    say( "book: disconnected " + target );
  }
  void toAdmin( FIX::Message&, const FIX::SessionID& ) {}
  void toApp( FIX::Message&, const FIX::SessionID& ) throw( FIX::DoNotSend ) {}
  void fromAdmin( const FIX::Message&, const FIX::SessionID& )
  throw( FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon ) {}

  void fromApp( const FIX::Message& message, const FIX::SessionID& session )
  throw( FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType )
  {
    std::lock_guard<std::mutex> lock( m_gate );
    const std::string type = message.getHeader().getField( 35 );
    if ( m_holding && ( type == "F" || type == "G" || type == "H" || type == "AF" ) )
    {
      m_held.push_back( std::make_pair( message, session ) );
      say( "book: held " + type + " " + message.getField( type == "AF" ? 584 : 11 ) );
      return;
    }
    if ( type == "D" ) newOrder( message, session );
    else if ( type == "F" ) cancel( message, session );
    else if ( type == "G" ) replace( message, session );
    else if ( type == "H" ) status( message, session );
    else if ( type == "AF" && !is42( session ) ) massStatus( message, session );
    else if ( type == "V" ) m_md.request( message, session, levelsOf() );
    else throw FIX::UnsupportedMessageType();
    m_md.publish( levelsOf() );
  }

  // A crafted report: the venue saying something our books never did.
  void crafted( const std::string& target, const std::string& clOrdId, const std::string& symbol, const std::string& side,
                const std::string& ordStatus, const std::string& cum, const std::string& lastQty, const std::string& lastPx )
  {
    std::lock_guard<std::mutex> lock( m_gate );
    for ( auto& session : m_sessions )
    {
      if ( session.getTargetCompID().getValue() != target ) continue;
      FIX::Message report = header( session, ordStatus[0] );
      report.setField( 37, "CRAFTED" );
      report.setField( 11, clOrdId );
      report.setField( 55, symbol );
      report.setField( 54, side );
      report.setField( 39, ordStatus );
      report.setField( 14, cum );
      report.setField( 151, "0" );
      report.setField( 6, lastPx );
      report.setField( 32, lastQty );
      report.setField( 31, lastPx );
      FIX::Session::sendToTarget( report, session );
      say( "book: crafted report sent to " + target );
      return;
    }
    say( "book: no session for " + target );
  }

  void refuseReplaces()
  {
    std::lock_guard<std::mutex> lock( m_gate );
    m_refuseReplaces = true;
    say( "book: refusing replaces" );
  }

  // The next n cancels are refused with the order left working, as a venue does when it cannot act on one now.
  void refuseCancels( int n )
  {
    std::lock_guard<std::mutex> lock( m_gate );
    m_refuseCancels = n;
    say( "book: refusing the next " + std::to_string( n ) + " cancels" );
  }

  // Cancels, replaces and status requests wait unanswered from now on, as if still on the wire, while orders trade
  // on; release answers them in order. What crosses meanwhile is the race a live venue produces.
  void hold()
  {
    std::lock_guard<std::mutex> lock( m_gate );
    m_holding = true;
    say( "book: holding cancels, replaces and status requests" );
  }

  void release()
  {
    std::lock_guard<std::mutex> lock( m_gate );
    m_holding = false;
    for ( auto& held : m_held )
    {
      const std::string type = held.first.getHeader().getField( 35 );
      if ( type == "F" ) cancel( held.first, held.second );
      else if ( type == "G" ) replace( held.first, held.second );
      else if ( type == "H" ) status( held.first, held.second );
      else massStatus( held.first, held.second );
    }
    say( "book: released " + std::to_string( m_held.size() ) + " requests" );
    m_held.clear();
    m_md.publish( levelsOf() );
  }

  void marketDataSymbol( const std::string& symbol )
  {
    std::lock_guard<std::mutex> lock( m_gate );
    m_md.addSymbol( symbol );
  }

  // A market data message as given (tag=value fields split by '|'; the entries after NoMDEntries, 268, form its group).
  void raw( const std::string& target, const std::string& type, const std::string& fields )
  {
    std::lock_guard<std::mutex> lock( m_gate );
    FIX::Message m = MarketData::message( type, fields );
    for ( auto& session : m_sessions )
      if ( session.getTargetCompID().getValue() == target ) { FIX::Session::sendToTarget( m, session ); say( "book: raw " + type + " sent to " + target ); return; }
    say( "book: no session for " + target );
  }

  void dropIncrement()
  {
    std::lock_guard<std::mutex> lock( m_gate );
    m_md.dropNext();
  }

  // The maker's bid and offer in SYMBOL, replacing its last; they trade with what they cross.
  void quote( const std::string& symbol, double bid, double bidQty, double ask, double askQty )
  {
    std::lock_guard<std::mutex> lock( m_gate );
    m_md.addSymbol( symbol );
    for ( auto& o : m_orders ) if ( o->maker && o->symbol == symbol ) o->open = false;
    for ( int side = 0; side < 2; ++side )
    {
      auto order = std::make_shared<Order>();
      order->orderId = "M" + std::to_string( ++m_nextId );
      order->clOrdId = order->orderId;
      order->symbol = symbol;
      order->maker = true;
      order->side = side == 0 ? '1' : '2';
      order->price = side == 0 ? bid : ask;
      order->qty = side == 0 ? bidQty : askQty;
      order->priority = ++m_clock;
      if ( !( order->qty > 0 && order->price > 0 ) ) continue;
      m_orders.push_back( order );
      work( order );
    }
    m_md.publish( levelsOf() );
  }

private:
  // A side's resting limit orders in SYMBOL aggregated by price, best first; each level's MDEntryID is its side and price.
  std::function<Levels( const std::string&, bool )> levelsOf()
  {
    return [this]( const std::string& symbol, bool bids )
    {
      std::map<double, double> by;
      for ( auto& o : m_orders )
        if ( o->resting() && o->type == '2' && o->symbol == symbol && o->buy() == bids ) by[o->price] += o->leaves();
      Levels levels;
      for ( auto& l : by ) levels.push_back( std::make_pair( std::string( bids ? "B" : "S" ) + number( l.first ), l ) );
      if ( bids ) std::reverse( levels.begin(), levels.end() );
      return levels;
    };
  }

  void newOrder( const FIX::Message& m, const FIX::SessionID& session )
  {
    auto order = std::make_shared<Order>();
    order->orderId = "B" + std::to_string( ++m_nextId );
    order->clOrdId = m.getField( 11 );
    order->symbol = m.getField( 55 );
    order->session = session;
    order->side = m.getField( 54 )[0];
    order->type = m.getField( 40 )[0];
    order->qty = std::stod( m.getField( 38 ) );
    if ( m.isSetField( 59 ) ) order->tif = m.getField( 59 )[0];
    if ( order->type == '2' || order->type == '4' ) order->price = std::stod( m.getField( 44 ) );
    if ( order->type == '3' || order->type == '4' ) order->stopPx = std::stod( m.getField( 99 ) );
    order->priority = ++m_clock;

    std::string why;
    if ( order->side != '1' && order->side != '2' ) why = "Unsupported Side, use buy or sell";
    else if ( order->type < '1' || order->type > '4' ) why = "Unsupported OrdType";
    else if ( order->tif != '0' && order->tif != '1' && order->tif != '3' ) why = "Unsupported TimeInForce, use Day, GTC or IOC";
    else if ( !( order->qty > 0 ) ) why = "OrderQty must be positive";
    else if ( m_byClOrdId.count( order->clOrdId ) ) why = "Duplicate ClOrdID";
    if ( !why.empty() )
    {
      order->open = false;
      FIX::Message r = report( *order, '8', '8' );
      r.setField( 58, why );
      FIX::Session::sendToTarget( r, session );
      return;
    }

    m_orders.push_back( order );
    m_byClOrdId[order->clOrdId] = order;
    send( *order, '0' );
    work( order );
  }

  void cancel( const FIX::Message& m, const FIX::SessionID& session )
  {
    const std::string clOrdId = m.getField( 11 ), orig = m.getField( 41 );
    auto order = current( orig );
    const bool duplicate = m_byClOrdId.count( clOrdId ) > 0, refused = order && order->open && order->session == session && !duplicate && m_refuseCancels > 0;
    if ( !order || !order->open || order->session != session || duplicate || refused )
    {
      if ( refused ) --m_refuseCancels;
      cancelReject( session, clOrdId, orig, order, '1', !order ? "Unknown order" : duplicate ? "Duplicate ClOrdID" : !order->open ? "Too late to cancel"
                    : refused ? "Cancel refused: try again" : "Not your order" );
      if ( duplicate || refused ) say( "book: cancel " + clOrdId + " refused" );
      return;
    }
    order->open = false;
    order->clOrdId = clOrdId;
    m_byClOrdId[clOrdId] = order;
    FIX::Message r = report( *order, '4', '4' );
    r.setField( 41, orig );
    FIX::Session::sendToTarget( r, session );
  }

  void replace( const FIX::Message& m, const FIX::SessionID& session )
  {
    const std::string clOrdId = m.getField( 11 ), orig = m.getField( 41 );
    auto order = current( orig );
    const double qty = std::stod( m.getField( 38 ) );
    if ( !order || !order->open || order->session != session || qty <= order->cum + Epsilon || m_byClOrdId.count( clOrdId ) || m_refuseReplaces )
    {
      cancelReject( session, clOrdId, orig, order, '2',
                    !order ? "Unknown order" : !order->open ? "Too late to replace" : order->session != session ? "Not your order"
                    : m_byClOrdId.count( clOrdId ) ? "Duplicate ClOrdID" : m_refuseReplaces ? "Replaces refused" : "OrderQty at or below CumQty" );
      return;
    }
    const double price = m.isSetField( 44 ) ? std::stod( m.getField( 44 ) ) : order->price;
    const double stopPx = m.isSetField( 99 ) ? std::stod( m.getField( 99 ) ) : order->stopPx;
    if ( qty > order->qty + Epsilon || std::fabs( price - order->price ) > Epsilon ) order->priority = ++m_clock;
    order->qty = qty;
    order->price = price;
    order->stopPx = stopPx;
    order->clOrdId = clOrdId;
    m_byClOrdId[clOrdId] = order;
    FIX::Message r = report( *order, '5', is42( session ) ? '5' : order->status() );
    r.setField( 41, orig );
    FIX::Session::sendToTarget( r, session );
    work( order );
  }

  void status( const FIX::Message& m, const FIX::SessionID& session )
  {
    const std::string clOrdId = m.getField( 11 );
    auto found = m_byClOrdId.find( clOrdId );
    if ( found == m_byClOrdId.end() || found->second->session != session )
    {
      Order unknown;
      unknown.clOrdId = clOrdId;
      unknown.session = session;
      unknown.symbol = m.isSetField( 55 ) ? m.getField( 55 ) : "";
      unknown.side = m.isSetField( 54 ) ? m.getField( 54 )[0] : '1';
      unknown.open = false;
      FIX::Message r = report( unknown, is42( session ) ? '8' : 'I', '8' );
      r.setField( 58, "Unknown order" );
      FIX::Session::sendToTarget( r, session );
      return;
    }
    const Order& order = *found->second;
    FIX::Message r = report( order, is42( session ) ? order.status() : 'I', order.status() );
    if ( is42( session ) ) r.setField( 20, "3" ); // ExecTransType Status
    FIX::Session::sendToTarget( r, session );
  }

  void massStatus( const FIX::Message& m, const FIX::SessionID& session )
  {
    std::vector<std::shared_ptr<Order> > open;
    for ( auto& o : m_orders ) if ( o->open && o->session == session ) open.push_back( o );
    if ( open.empty() )
    {
      // No open orders: one report that says so (TotNumReports 0), so the requester knows the answer is complete.
      Order none;
      none.clOrdId = "NONE";
      none.session = session;
      none.open = false;
      FIX::Message r = report( none, 'I', '8' );
      r.setField( 584, m.getField( 584 ) );
      r.setField( 911, "0" );
      r.setField( 912, "Y" );
      FIX::Session::sendToTarget( r, session );
      return;
    }
    for ( size_t i = 0; i < open.size(); ++i )
    {
      FIX::Message r = report( *open[i], 'I', open[i]->status() );
      r.setField( 584, m.getField( 584 ) );
      r.setField( 911, std::to_string( open.size() ) );
      if ( i + 1 == open.size() ) r.setField( 912, "Y" );
      FIX::Session::sendToTarget( r, session );
    }
  }

  // Matches a new, replaced or triggered order; what is left of a market or IOC order is cancelled.
  void work( const std::shared_ptr<Order>& order )
  {
    std::vector<std::shared_ptr<Order> > incoming( 1, order );
    while ( !incoming.empty() )
    {
      auto taker = incoming.back();
      incoming.pop_back();
      if ( taker->type == '3' || taker->type == '4' ) { if ( !taker->triggered ) continue; }
      double traded = -1;
      while ( taker->leaves() > Epsilon )
      {
        auto maker = best( *taker );
        if ( !maker ) break;
        const double qty = std::min( taker->leaves(), maker->leaves() ), px = maker->price;
        execute( *maker, qty, px );
        execute( *taker, qty, px );
        m_md.trade( taker->symbol, px, qty );
        traded = px;
      }
      const bool marketable = taker->type == '1' || ( taker->type == '3' && taker->triggered );
      if ( taker->open && taker->leaves() > Epsilon && ( marketable || taker->tif == '3' ) )
      {
        taker->open = false;
        send( *taker, '4' );
      }
      if ( traded >= 0 ) trigger( taker->symbol, traded, incoming );
    }
  }

  std::shared_ptr<Order> best( const Order& taker ) const
  {
    std::shared_ptr<Order> best;
    const bool anyPrice = taker.type == '1' || taker.type == '3';
    for ( auto& o : m_orders )
    {
      if ( !o->resting() || o->type != '2' || o->symbol != taker.symbol || o->buy() == taker.buy() || o.get() == &taker ) continue;
      if ( !anyPrice && ( taker.buy() ? o->price > taker.price + Epsilon : o->price < taker.price - Epsilon ) ) continue;
      if ( !best || ( o->buy() ? o->price > best->price + Epsilon : o->price < best->price - Epsilon )
           || ( std::fabs( o->price - best->price ) <= Epsilon && o->priority < best->priority ) )
        best = o;
    }
    return best;
  }

  void trigger( const std::string& symbol, double px, std::vector<std::shared_ptr<Order> >& incoming )
  {
    for ( auto& o : m_orders )
    {
      if ( !o->open || o->triggered || ( o->type != '3' && o->type != '4' ) || o->symbol != symbol ) continue;
      if ( o->buy() ? px + Epsilon >= o->stopPx : px - Epsilon <= o->stopPx )
      {
        o->triggered = true;
        if ( o->type == '4' ) o->type = '2'; // a triggered stop-limit rests as a limit
        o->priority = ++m_clock;
        incoming.push_back( o );
      }
    }
  }

  void execute( Order& o, double qty, double px )
  {
    o.avgPx = ( o.avgPx * o.cum + px * qty ) / ( o.cum + qty );
    o.cum += qty;
    o.lastQty = qty;
    o.lastPx = px;
    if ( o.cum + Epsilon >= o.qty ) o.open = false;
    send( o, o.status() == '2' ? '2' : '1' );
    o.lastQty = 0;
  }

  std::shared_ptr<Order> current( const std::string& clOrdId ) const
  {
    auto found = m_byClOrdId.find( clOrdId );
    return found != m_byClOrdId.end() && found->second->clOrdId == clOrdId ? found->second : std::shared_ptr<Order>();
  }

  std::mutex m_gate;
  std::vector<std::shared_ptr<Order> > m_orders;
  std::map<std::string, std::shared_ptr<Order> > m_byClOrdId;
  std::vector<FIX::SessionID> m_sessions;
  long m_nextId = 0, m_clock = 0;
  bool m_refuseReplaces = false, m_holding = false;
  std::vector<std::pair<FIX::Message, FIX::SessionID> > m_held;
  int m_refuseCancels = 0;
  MarketData m_md;
};
#endif
