namespace LowLatency.Analytics.Astro;

/// <summary>
/// An aspect in orb between two bodies: the exact angle between them, the orb (|separation − aspect angle|), and
/// whether it is applying (the orb is shrinking) or separating.
/// </summary>
public sealed record Aspect(Body First, Body Second, AspectDefinition Definition, double Separation, double Orb, bool Applying);
