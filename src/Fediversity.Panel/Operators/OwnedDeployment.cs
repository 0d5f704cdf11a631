using Fediversity.Panel.Data;

namespace Fediversity.Panel.Operators;

/// <summary>A deployment together with the operator it belongs to, found for that operator's own person.</summary>
internal sealed record OwnedDeployment(OperatorAccount Operator, DeploymentRecord Deployment);
