using Fediversity.Configuration.Operator;
using Fediversity.Configurator;
using Fediversity.Panel.Data;
using Fediversity.Panel.Hosting;

namespace Fediversity.Panel.Deployments;

/// <summary>Turns an operator's configuration into the resources it needs, as the command line does.</summary>
internal sealed class DeploymentPreparer(PanelOrchestrator orchestrator)
{
    public ConfiguratorResult Configure(OperatorAccount account, OperatorConfiguration configuration) =>
        ClusterConfigurator.Configure(configuration, orchestrator.EnvironmentFor(account), orchestrator.Binding.Secrets);
}
