using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LipSyncGuard.Model.Networks;

/// <summary>Window vector [B, W] → fake logit [B] (positive = fake).</summary>
public sealed class Classifier : nn.Module<Tensor, Tensor>
{
    private readonly Linear hidden;
    private readonly Dropout dropout;
    private readonly Linear output;

    /// <summary>Creates the classifier for <paramref name="options"/>.</summary>
    public Classifier(LipSyncNetOptions options) : base(nameof(Classifier))
    {
        ArgumentNullException.ThrowIfNull(options);
        hidden = nn.Linear(options.FusionWidth, options.FusionWidth / 2);
        dropout = nn.Dropout(options.Dropout);
        output = nn.Linear(options.FusionWidth / 2, 1);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = dropout.forward(nn.functional.relu(hidden.forward(input)));
        return output.forward(x).squeeze(1).MoveToOuterDisposeScope();
    }
}
