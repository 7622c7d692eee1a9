// Name: conflicts/count — how many statement groups disagree under the filter (fragments/conflict-groups; $after '').
// @include conflict-groups
RETURN count(groupKey) AS total
