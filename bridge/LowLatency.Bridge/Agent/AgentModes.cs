namespace LowLatency.Bridge.Agent;

/// <summary>The frontend's agent modes, 0–4. Modes 3 and up need <c>force</c> (an operator's explicit confirmation).</summary>
public static class AgentModes
{
    public static readonly string[] Names = ["RULE ONLY", "HYBRID", "ML DOMINANT", "AI ASSISTED", "GUARDED AUTONOMOUS"];

    public const int NeedsConfirmationFrom = 3;
}
