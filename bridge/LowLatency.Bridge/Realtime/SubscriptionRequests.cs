using LowLatency.Bridge.Engine;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Realtime;

/// <summary>Subscribe/unsubscribe handling shared by both endpoints: symbols resolve through the registry and are kept exactly as sent.</summary>
public sealed class SubscriptionRequests(ReadModel model, RealtimeHub hub)
{
    public static readonly string[] Channels = ["orders", "fills", "positions", "status", "signals", "alerts", "cluster"];

    /// <summary>
    /// Subscribes to a symbol's prices: queues <paramref name="acknowledgement"/> (built from the symbol), then
    /// the latest price when there is one. Error text for a missing or unknown symbol.
    /// </summary>
    public string? SubscribePrice(RealtimeSession session, string ns, string? symbol, Func<string, string>? acknowledgement = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (string.IsNullOrWhiteSpace(symbol))
        {
            return "subscribe needs a symbol";
        }

        if (!model.Registry.TryResolve(symbol, out var instrument))
        {
            return $"unknown symbol '{symbol}'";
        }

        if (acknowledgement is not null)
        {
            session.Enqueue(acknowledgement(symbol));
        }

        session.Subscriptions.AddPrice(ns, symbol, instrument.Id);
        if (model.Price(instrument.Id) is { } price)
        {
            session.OfferPrice(RealtimeHub.PriceKey(ns, symbol), Frames.Event(session.Kind, ns, "price_update", Frames.PriceUpdate(symbol, price)));
        }

        return null;
    }

    public string? SubscribeCandles(RealtimeSession session, string symbol, string timeframe)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!model.Registry.TryResolve(symbol, out var instrument))
        {
            return $"unknown symbol '{symbol}'";
        }

        if (!Timeframes.TryParse(timeframe, out var tf))
        {
            return $"unknown timeframe '{timeframe}' (use {string.Join(", ", Timeframes.All.Select(t => t.Name()))})";
        }

        session.Subscriptions.AddCandles(symbol, instrument.Id, tf);
        return null;
    }

    public static string? SubscribeChannel(RealtimeSession session, string channel)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!Channels.Contains(channel, StringComparer.OrdinalIgnoreCase))
        {
            return $"unknown channel '{channel}' (use {string.Join(", ", Channels)})";
        }

        session.Subscriptions.AddChannel(channel);
        return null;
    }

    public RealtimeHub Hub => hub;
}
