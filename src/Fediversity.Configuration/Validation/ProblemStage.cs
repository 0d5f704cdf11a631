namespace Fediversity.Configuration.Validation;

/// <summary>The checks a document goes through, in order.</summary>
internal enum ProblemStage
{
    Syntax,
    Version,
    Schema,
    Rules,
}
