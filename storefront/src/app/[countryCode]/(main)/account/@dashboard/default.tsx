export default function DashboardDefault() {
  return null
}
