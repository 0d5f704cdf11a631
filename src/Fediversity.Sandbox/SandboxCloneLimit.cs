using Fediversity.Resources.Permits;

namespace Fediversity.Sandbox;

/// <summary>
/// How many stand-in clones may run at once, counted as a real provider counts them: through permits shared
/// by every process using the same state store.
/// </summary>
/// <param name="ClonesPerNode">How many clones may run at once on the stand-in hypervisor, at least 1.</param>
/// <param name="Permits">Where the clones are counted.</param>
public sealed record SandboxCloneLimit(int ClonesPerNode, IPermitSource Permits);
