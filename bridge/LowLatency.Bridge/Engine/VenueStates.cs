using LowLatency.Fix.Session;
using LowLatency.Ipc;

namespace LowLatency.Bridge.Engine;

/// <summary>How the bridge reads a real venue's reported state: one rule for health, metrics and the Settings page.</summary>
internal static class VenueStates
{
    /// <summary>Connected: a FIX session logged on, a Binance user data stream open (both report <c>active</c>).</summary>
    public static bool Connected(VenueStats venue) => venue.State == FixSessionState.Active.WireName();

    /// <summary>The frontend's broker type for the venue (<c>fix</c>, or <c>crypto_exchange</c> for an exchange's API).</summary>
    public static string BrokerType(VenueStats venue) => venue.Type == "fix" ? "fix" : "crypto_exchange";
}
