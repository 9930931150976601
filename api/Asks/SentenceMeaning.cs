using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Asks;

/// <summary>An optional second signal: how close each asking sentence's meaning is to each kind's
/// example sentences (for example, by sentence embeddings). Returns kind id → per sentence a
/// similarity in [0, 1]; sentences it does not read get 0.</summary>
public interface ISentenceMeaning
{
    IReadOnlyDictionary<string, double[]> Read(KindCatalog catalog, TokenizedText message, SentenceAct[] acts);
}
