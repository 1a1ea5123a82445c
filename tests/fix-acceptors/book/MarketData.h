// Market data of the book acceptor, as a venue publishes it on FIX 4.2/4.4:
//   MarketDataRequest (V)  SubscriptionRequestType 0 snapshot, 1 snapshot + updates, 2 unsubscribe; MarketDepth
//                          0 (full) or N levels, aggregated by price; trades when MDEntryType 2 is asked for.
//                          An unknown symbol or an MDReqID already open is refused with MarketDataRequestReject (Y).
//   Snapshot (W)           every level of the side to the depth, each with an MDEntryID (side letter + price).
//   Incremental (X)        per change of the book: new, change (size) or delete of a level by MDEntryID; a trade
//                          as a new entry of type 2. FIX 4.4 numbers each instrument's entries with RptSeq (83).
// A subscription ends with its session's logout, as venues end them.
#ifndef BOOK_MARKET_DATA_H
#define BOOK_MARKET_DATA_H
#include "quickfix/Session.h"
#include "Say.h"
#include <map>
#include <sstream>
#include <string>
#include <vector>

inline std::string number( double value )
{
  std::ostringstream out;
  out.precision( 12 );
  out << value;
  return out.str();
}

// One side's levels, best first: MDEntryID -> (price, size).
typedef std::vector<std::pair<std::string, std::pair<double, double> > > Levels;

class MarketData
{
public:
  // The symbols with market data; a request for any other is refused.
  void addSymbol( const std::string& symbol ) { m_symbols[symbol] = true; }
  bool knows( const std::string& symbol ) const { return m_symbols.count( symbol ) > 0; }

  // The next incremental refresh is lost on the way (its RptSeq numbers are spent): a gap for its subscribers.
  void dropNext() { m_drop = true; }

  // Handles a V; levels(symbol, bids) gives a side's levels, best first.
  template <typename LevelsOf>
  void request( const FIX::Message& m, const FIX::SessionID& session, LevelsOf levels )
  {
    const std::string id = m.getField( 262 ), type = m.getField( 263 );
    if ( type == "2" ) { m_subs.erase( id ); return; }
    std::string symbol;
    if ( m.groupCount( 146 ) > 0 )
    {
      FIX::Group related( 146, 55 );
      m.getGroup( 1, related );
      if ( related.isSetField( 55 ) ) symbol = related.getField( 55 );
    }
    if ( !knows( symbol ) ) { reject( session, id, '0', "Unknown symbol '" + symbol + "'" ); return; }
    if ( m_subs.count( id ) ) { reject( session, id, '1', "Duplicate MDReqID " + id ); return; }
    Subscription sub;
    sub.session = session;
    sub.symbol = symbol;
    sub.depth = m.isSetField( 264 ) ? std::stoi( m.getField( 264 ) ) : 0;
    sub.trades = false;
    for ( int i = 1; i <= (int)m.groupCount( 267 ); ++i )
    {
      FIX::Group type( 267, 269 );
      m.getGroup( i, type );
      sub.trades = sub.trades || ( type.isSetField( 269 ) && type.getField( 269 ) == "2" );
    }
    sub.bids = top( levels( symbol, true ), sub.depth );
    sub.offers = top( levels( symbol, false ), sub.depth );
    snapshot( id, sub );
    if ( type == "1" ) m_subs[id] = sub;
  }

  // After any change of the book: each subscriber of the symbol gets what changed in its depth.
  template <typename LevelsOf>
  void publish( LevelsOf levels )
  {
    for ( auto& entry : m_subs )
    {
      Subscription& sub = entry.second;
      Levels bids = top( levels( sub.symbol, true ), sub.depth ), offers = top( levels( sub.symbol, false ), sub.depth );
      std::vector<FIX::Group> changes;
      diff( sub, sub.bids, bids, '0', changes );
      diff( sub, sub.offers, offers, '1', changes );
      sub.bids = bids;
      sub.offers = offers;
      send( entry.first, sub, changes );
    }
  }

  void trade( const std::string& symbol, double px, double qty )
  {
    for ( auto& entry : m_subs )
    {
      Subscription& sub = entry.second;
      if ( sub.symbol != symbol || !sub.trades ) continue;
      std::vector<FIX::Group> changes( 1, makeEntry( sub, '0', '2', "T" + std::to_string( ++m_trades ), px, qty ) );
      send( entry.first, sub, changes );
    }
  }

  void logout( const FIX::SessionID& session )
  {
    for ( auto i = m_subs.begin(); i != m_subs.end(); ) i = i->second.session == session ? m_subs.erase( i ) : ++i;
  }

  // A message from text: tag=value fields split by '|'; those after NoMDEntries (268) are its entries, each
  // starting with the first tag after 268.
  static FIX::Message message( const std::string& type, const std::string& fields )
  {
    std::vector<std::pair<int, std::string> > parsed;
    std::istringstream in( fields );
    for ( std::string field; std::getline( in, field, '|' ); )
      if ( field.find( '=' ) != std::string::npos ) parsed.push_back( std::make_pair( std::stoi( field.substr( 0, field.find( '=' ) ) ), field.substr( field.find( '=' ) + 1 ) ) );
    FIX::Message m;
    m.getHeader().setField( 35, type );
    size_t i = 0;
    for ( ; i < parsed.size() && parsed[i].first != 268; ++i ) m.setField( parsed[i].first, parsed[i].second );
    if ( i + 1 < parsed.size() )
    {
      std::vector<int> order;
      for ( size_t j = i + 1; j < parsed.size() && ( j == i + 1 || parsed[j].first != parsed[i + 1].first ); ++j ) order.push_back( parsed[j].first );
      order.push_back( 0 );
      FIX::Group* group = 0;
      for ( size_t j = i + 1; j < parsed.size(); ++j )
      {
        if ( parsed[j].first == parsed[i + 1].first )
        {
          if ( group ) { m.addGroup( *group ); delete group; }
          group = new FIX::Group( 268, parsed[i + 1].first, &order[0] );
        }
        group->setField( parsed[j].first, parsed[j].second );
      }
      if ( group ) { m.addGroup( *group ); delete group; }
    }
    return m;
  }

private:
  struct Subscription
  {
    FIX::SessionID session;
    std::string symbol;
    int depth = 0;
    bool trades = false;
    long rptSeq = 0;
    Levels bids, offers;
  };

  static bool is44( const Subscription& sub ) { return sub.session.getBeginString().getValue() == "FIX.4.4"; }

  static Levels top( const Levels& all, int depth )
  {
    return depth <= 0 || (int)all.size() <= depth ? all : Levels( all.begin(), all.begin() + depth );
  }

  // One X entry, MDUpdateAction first as the group requires.
  FIX::Group makeEntry( Subscription& sub, char action, char type, const std::string& id, double px, double size )
  {
    static const int order[] = { 279, 269, 278, 55, 270, 271, 83, 0 };
    FIX::Group e( 268, 279, order );
    e.setField( 279, std::string( 1, action ) );
    e.setField( 269, std::string( 1, type ) );
    e.setField( 278, id );
    e.setField( 55, sub.symbol );
    if ( action != '2' ) { e.setField( 270, number( px ) ); e.setField( 271, number( size ) ); }
    if ( is44( sub ) ) e.setField( 83, std::to_string( ++sub.rptSeq ) );
    return e;
  }

  void diff( Subscription& sub, const Levels& before, const Levels& after, char type, std::vector<FIX::Group>& changes )
  {
    std::map<std::string, double> was, now;
    for ( auto& l : before ) was[l.first] = l.second.second;
    for ( auto& l : after ) now[l.first] = l.second.second;
    for ( auto& l : before )
      if ( !now.count( l.first ) ) changes.push_back( makeEntry( sub, '2', type, l.first, 0, 0 ) );
    for ( auto& l : after )
    {
      auto found = was.find( l.first );
      if ( found == was.end() ) changes.push_back( makeEntry( sub, '0', type, l.first, l.second.first, l.second.second ) );
      else if ( found->second != l.second.second ) changes.push_back( makeEntry( sub, '1', type, l.first, l.second.first, l.second.second ) );
    }
  }

  void send( const std::string& id, Subscription& sub, const std::vector<FIX::Group>& changes )
  {
    if ( changes.empty() ) return;
    if ( m_drop ) { m_drop = false; say( "book: dropped an incremental refresh" ); return; }
    FIX::Message x;
    x.getHeader().setField( 35, "X" );
    x.setField( 262, id );
    for ( auto& c : changes ) x.addGroup( c );
    FIX::Session::sendToTarget( x, sub.session );
  }

  void snapshot( const std::string& id, Subscription& sub )
  {
    static const int order[] = { 269, 270, 271, 278, 0 };
    FIX::Message w;
    w.getHeader().setField( 35, "W" );
    w.setField( 262, id );
    w.setField( 55, sub.symbol );
    if ( is44( sub ) ) w.setField( 83, std::to_string( sub.rptSeq ) );
    for ( int side = 0; side < 2; ++side )
      for ( auto& l : side == 0 ? sub.bids : sub.offers )
      {
        FIX::Group e( 268, 269, order );
        e.setField( 269, std::to_string( side ) );
        e.setField( 270, number( l.second.first ) );
        e.setField( 271, number( l.second.second ) );
        e.setField( 278, l.first );
        w.addGroup( e );
      }
    if ( sub.bids.empty() && sub.offers.empty() ) w.setField( 268, "0" );
    FIX::Session::sendToTarget( w, sub.session );
  }

  void reject( const FIX::SessionID& session, const std::string& id, char reason, const std::string& text )
  {
    FIX::Message y;
    y.getHeader().setField( 35, "Y" );
    y.setField( 262, id );
    y.setField( 281, std::string( 1, reason ) );
    y.setField( 58, text );
    FIX::Session::sendToTarget( y, session );
  }

  std::map<std::string, bool> m_symbols;
  std::map<std::string, Subscription> m_subs;
  long m_trades = 0;
  bool m_drop = false;
};
#endif
