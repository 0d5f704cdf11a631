using System.Text.Json;
using Fediversity.Orchestrator.Planning;

namespace Fediversity.Panel.Deployments;

/// <summary>A changing step of a plan as the operator was shown it.</summary>
internal sealed record ShownStep(string Address, StepAction Action, bool LosesData)
{
    public static IReadOnlyList<ShownStep> From(Plan plan) =>
    [
        .. plan.Steps.Where(s => s.Action != StepAction.NoOp)
            .Select(s => new ShownStep(s.Address.Value, s.Action, s.LosesData)),
    ];

    public static string Serialize(IReadOnlyList<ShownStep> steps) => JsonSerializer.Serialize(steps);

    public static IReadOnlyList<ShownStep> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<ShownStep>>(json) ?? [];

    /// <summary>A short digest of the steps, to tell whether the plan changed between showing and deploying.</summary>
    public static string Fingerprint(IReadOnlyList<ShownStep> steps) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Serialize(steps))))[..16];

    /// <summary>
    /// Whether carrying out <paramref name="plan"/> does only what was shown: every changing step was shown,
    /// with the same action (or is what is left of a shown replacement), and data is lost only if confirmed.
    /// A deployment resumed after a restart has fewer steps left than were shown; that is allowed.
    /// </summary>
    public static bool Allows(IReadOnlyList<ShownStep> shown, Plan plan, bool dataLossConfirmed)
    {
        var byAddress = shown.ToDictionary(s => s.Address);
        foreach (var step in plan.Steps.Where(s => s.Action != StepAction.NoOp))
        {
            if (!byAddress.TryGetValue(step.Address.Value, out var seen))
            {
                return false;
            }

            if (seen.Action != step.Action && seen.Action != StepAction.Replace)
            {
                return false;
            }

            if (step.LosesData && !(seen.LosesData && dataLossConfirmed))
            {
                return false;
            }
        }

        return true;
    }
}
