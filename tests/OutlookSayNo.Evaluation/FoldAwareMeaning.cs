using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.Evaluation;

/// <summary>A meaning signal (the ablation's embeddings arm) that compares a sentence with the same
/// example sentences each fold's word model learned: the catalog's examples that <see cref="Keep"/>
/// accepts, plus the fold's dev sentences from <see cref="Extra"/>.</summary>
public interface IFoldAwareMeaning : ISentenceMeaning
{
    Func<string, bool>? Keep { get; set; }
    Func<KindCatalog, string, IEnumerable<string>>? Extra { get; set; }
}
