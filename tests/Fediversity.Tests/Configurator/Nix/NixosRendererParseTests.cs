using Fediversity.Configuration.Operator;
using Fediversity.Configurator.Nix;

namespace Fediversity.Tests.Configurator.Nix;

public sealed class NixosRendererParseTests
{
    public static TheoryData<ApplicationName, Registrations> Variants()
    {
        var variants = new TheoryData<ApplicationName, Registrations>();
        foreach (var application in SampleSpecs.Applications)
        {
            variants.Add(application, Registrations.Open);
            variants.Add(application, Registrations.Closed);
        }

        return variants;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Render_EveryApplication_ParsesWithNixInstantiate(
        ApplicationName application,
        Registrations registrations)
    {
        var spec = SampleSpecs.For(application) with { Registrations = registrations };

        var error = NixTool.ParseError(NixosRenderer.Render(spec).Configuration);

        Assert.Null(error);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Render_EveryApplication_EvaluatesToAModuleFunction(
        ApplicationName application,
        Registrations registrations)
    {
        var spec = SampleSpecs.For(application) with { Registrations = registrations };

        var hostName = NixTool.EvaluateJson(NixosRenderer.Render(spec).Configuration, "networking.hostName");

        Assert.Equal("\"" + spec.HostName + "\"", hostName);
    }

    [Fact]
    public void Render_HostileDisplayName_StillParses()
    {
        var spec = SampleSpecs.Pixelfed with { DisplayName = "\";\n} evil = ''${builtins.abort \"x\"}'' # \\" };

        var error = NixTool.ParseError(NixosRenderer.Render(spec).Configuration);

        Assert.Null(error);
    }

    [Fact]
    public void ParseError_BrokenText_IsReported()
    {
        var error = NixTool.ParseError("{ config, ... }: { a = ; }");

        Assert.NotNull(error);
    }
}
