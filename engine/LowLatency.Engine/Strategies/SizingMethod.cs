namespace LowLatency.Engine.Strategies;

public enum SizingMethod : byte
{
    /// <summary>Risk a fixed share of equity between entry and stop: <c>equity·risk% / |entry − stop|</c>.</summary>
    FixedFractional,

    /// <summary>Risk a fixed share of equity per ATR multiple: <c>equity·risk% / (k·ATR)</c>.</summary>
    Atr,

    /// <summary>Kelly fraction <c>(p·b − q)/b</c>, scaled and capped, of equity at the entry price.</summary>
    Kelly,
}
