using System.Text.Json.Serialization;

namespace LipSyncGuard.Analysis;

/// <summary>What a verification desk can act on, per face and per video.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    /// <summary>The mouth follows the speech: below the lower (inconclusive) threshold, with nothing that makes the
    /// evidence unreliable.</summary>
    [JsonStringEnumMemberName("consistent")]
    Consistent,

    /// <summary>Between the two thresholds, or a reason makes the evidence too weak to call either way.</summary>
    [JsonStringEnumMemberName("inconclusive")]
    Inconclusive,

    /// <summary>At or above the manipulated threshold on reliable evidence.</summary>
    [JsonStringEnumMemberName("manipulated")]
    Manipulated,

    /// <summary>Nothing could be judged: no face, no speech, no trusted mouth, or a face that never speaks.</summary>
    [JsonStringEnumMemberName("not_judged")]
    NotJudged,
}
