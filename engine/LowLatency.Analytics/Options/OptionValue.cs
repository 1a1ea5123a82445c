namespace LowLatency.Analytics.Options;

/// <summary>An option's price and greeks (theta per day; vega and rho per percentage point).</summary>
public readonly record struct OptionValue(double Price, double Delta, double Gamma, double Theta, double Vega, double Rho);
