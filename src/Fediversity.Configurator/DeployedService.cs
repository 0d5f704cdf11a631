using Fediversity.Configuration.Operator;

namespace Fediversity.Configurator;

/// <summary>An application as its users reach it.</summary>
public sealed record DeployedService(ApplicationName Application, string Domain, Uri Url);
